@ledgers
Feature: The ledgers of the five source decisions
  As a treasurer
  I want the commitments, payments and exposure of every grant and fund, now and at past dates
  So that I can answer for the books without a spreadsheet

  Background:
    Given the five source decisions are loaded

  Scenario: The Essex Community Safety Fund ledger for 2016-17
    Then the fund ledger of the Community Safety Fund of Essex PCC for 2016-17 shows:
      | budget       | committed   | paid  | headroom |
      | not recorded | £208,000.00 | £0.00 | -        |

  Scenario: Payments reach the fund ledger in the fund's share
    When the treasurer of Essex PCC pays SafeLives £268,000.00 on 1 April 2016
    Then the fund ledger of the Community Safety Fund of Essex PCC for 2016-17 shows:
      | budget       | committed   | paid        | headroom |
      | not recorded | £208,000.00 | £208,000.00 | -        |
    And the grant ledger shows SafeLives with £765,000.00 awarded, £268,000.00 paid and £497,000.00 outstanding

  Scenario: The exposure of the Essex SafeLives grant if notice were given on 15 January 2017
    When the exposure is worked out for notice given on 15 January 2017
    Then the grant to SafeLives from Essex PCC takes effect on 15 February 2017 with £268,000.00 payable and £497,000.00 released
    And the exposure of Essex PCC totals £268,000.00

  Scenario: The exposure counts what has been paid already
    When the treasurer of Essex PCC pays SafeLives £100,000.00 on 1 April 2016
    And the exposure is worked out for notice given on 15 January 2017
    Then the grant to SafeLives from Essex PCC takes effect on 15 February 2017 with £168,000.00 payable and £497,000.00 released

  Scenario: The books as at a business date hold only what had been decided by then
    Then as at 31 March 2019 the decision register lists PCC/0128/15, PCC036/18 and PCC/D/2018/25
    And as at 1 January 2018 the decision register lists PCC/0128/15
    And as at 31 March 2019 the fund ledger of the Community Safety Fund of Essex PCC for 2016-17 shows:
      | budget       | committed   | paid  | headroom |
      | not recorded | £208,000.00 | £0.00 | -        |

  Scenario: The Drive programme ledger keeps pledges apart from grants
    Then the programme ledger of Drive shows "Social Finance" pledging £172,000.00 in 2016-17
    And the programme ledger of Drive shows "OPCC" granting £208,000.00 in 2016-17
    And the programme ledger of Drive shows "West Mercia PCC" pledging £95,165.50 in 2018-19
