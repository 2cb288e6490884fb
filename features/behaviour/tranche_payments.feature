@payments
Feature: Paying a grant in tranches
  As a treasurer
  I want payments checked against the award
  So that no provider is ever paid more than was awarded, or before approval

  Background:
    Given the SafeLives Drive pilot of £765,000.00 over 2016-17 to 2018-19 approved on 23 November 2015

  Scenario: Tranches are recorded against the financial year they fall in
    When the treasurer pays £250,000.00 on 1 April 2016
    And the treasurer pays £250,000.00 on 31 March 2017
    Then the grant has £500,000.00 paid and £265,000.00 remaining
    And the payments fall in 2016-17

  Scenario: Overpayment is refused and nothing is recorded
    Given the treasurer paid £500,000.00 on 1 April 2016
    When the treasurer pays £300,000.00 on 1 April 2017
    Then it is refused with "Grant 'SafeLives Drive pilot' cannot pay £300,000.00: only £265,000.00 remains of £765,000.00 awarded"
    And the grant has £500,000.00 paid and £265,000.00 remaining

  Scenario: No payment before approval
    When the treasurer pays £1,000.00 on 1 November 2015
    Then it is refused with "before its approval on 2015-11-23"

  Scenario: A clawback is a repayment, never a negative payment
    Given the treasurer paid £100,000.00 on 1 April 2016
    When the treasurer pays -£5,000.00 on 2 April 2016
    Then it is refused with "must be more than £0.00"
    When £5,000.00 is repaid on 3 April 2016 because "Underspend returned"
    Then the grant has £100,000.00 paid and £5,000.00 repaid
