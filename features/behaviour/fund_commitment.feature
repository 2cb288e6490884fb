@funds
Feature: Committing grants against a fund's budget
  As a treasurer
  I want over-commitment of a fund refused unless a reason is recorded
  So that budgets are respected and every exception is explained

  Background:
    Given the Community Safety Fund of Essex PCC has a 2016-17 budget of £250,000.00
    And an approved Essex PCC decision PCC/0300/16 authorising £765,000.00 to SafeLives from the Community Safety Fund

  Scenario: A commitment within the budget
    When a grant of £200,000.00 for 2016-17 to SafeLives is proposed and approved under PCC/0300/16
    Then the Community Safety Fund of Essex PCC has £200,000.00 committed in 2016-17

  Scenario: Over-commitment is refused and nothing is recorded
    When a grant of £268,000.00 for 2016-17 to SafeLives is proposed and approved under PCC/0300/16
    Then it is refused with "£268,000.00 in 2016-17 exceeds the £250,000.00 left of its £250,000.00 budget"
    And the Community Safety Fund of Essex PCC has £0.00 committed in 2016-17

  Scenario: Over-commitment explicitly allowed with a recorded reason
    When a grant of £268,000.00 for 2016-17 to SafeLives is proposed and approved under PCC/0300/16 because "Budget virement agreed by the Treasurer"
    Then the Community Safety Fund of Essex PCC has £268,000.00 committed in 2016-17
    And the Community Safety Fund of Essex PCC records the over-commitment "Budget virement agreed by the Treasurer"
