@funds
Feature: In-kind contributions are kept apart from cash
  As a treasurer
  I want what funders give in kind kept apart from their cash
  So that cash totals and the profile check are not inflated

  Scenario: In kind on a grant makes no discrepancy and is shown apart in the programme ledger
    Given a grant of £120,000.00 over 2016-17 in the Drive programme with £120,000.00 cash from "OPCC" and £30,000.00 in kind from "Essex Police", approved on 1 April 2016
    Then the grant has no discrepancies
    And the programme ledger of Drive shows "OPCC" granting £120,000.00 in 2016-17
    And the programme ledger of Drive shows "Essex Police" granting £30,000.00 in kind in 2016-17
