@funds
Feature: Facts the record does not state
  As a treasurer
  I want a grant whose record states no profile to commit its award over its period
  So that money is never shown as £0 committed when it will be paid

  Scenario: A grant with no profile commits its award over the years of its period, by days
    Given a grant of £100,000.00 from 1 October 2016 to 30 September 2017 with no profile, approved on 1 October 2016
    Then the grant ledger shows the grant with £49,863.01 committed in 2016-17 and £50,136.99 committed in 2017-18
    And the exceptions list "profile not stated" for the grant
