@termination
Feature: Ending a grant on one month's notice
  As a commissioner
  I want notice to take effect by the corresponding-date rule
  So that what is still payable is clear and the rest is released

  Background:
    Given the SafeLives Drive pilot of £765,000.00 over 2016-17 to 2018-19 approved on 23 November 2015

  Scenario Outline: One calendar month's notice
    When notice is given on <given>
    Then the termination takes effect on <effective>

    Examples:
      | given            | effective        |
      | 15 January 2017  | 15 February 2017 |
      | 31 January 2017  | 28 February 2017 |
      | 31 January 2016  | 29 February 2016 |
      | 30 December 2016 | 30 January 2017  |
      | 31 March 2017    | 30 April 2017    |

  Scenario: Nothing is payable once termination takes effect
    Given notice was given on 15 January 2017
    When the treasurer pays £10,000.00 on 14 February 2017
    Then the grant has £10,000.00 paid and £755,000.00 remaining
    When the treasurer pays £10,000.00 on 15 February 2017
    Then it is refused with "termination took effect on 2017-02-15"

  Scenario: The profile after the notice takes effect is released from the fund
    When notice is given on 15 January 2017
    Then the Community Safety Fund of Essex PCC has £208,000.00 committed in 2016-17
    And the Community Safety Fund of Essex PCC has £0.00 committed in 2017-18
    And the Community Safety Fund of Essex PCC has £0.00 committed in 2018-19

  Scenario: The grant ends only when the notice has run
    Given notice was given on 15 January 2017
    When the grant is terminated on 14 February 2017
    Then it is refused with "notice takes effect on 2017-02-15"
    When the grant is terminated on 15 February 2017
    Then the grant is terminated

  Scenario Outline: Notice of any length the grant's terms give
    Given a grant of £120,000.00 over 2016-17 with <terms> notice, approved on 1 April 2016
    When notice is given on 15 January 2017
    Then the termination takes effect on <effective>

    Examples:
      | terms              | effective       |
      | no                 | 15 January 2017 |
      | 28 days'           | 12 February 2017 |
      | 3 months'          | 15 April 2017   |
      | 1 month and 7 days' | 22 February 2017 |

  Scenario: A decision ending the grant states its own notice
    When notice is given on 15 January 2017 with immediate effect
    Then the termination takes effect on 15 January 2017
    When the grant is terminated on 15 January 2017
    Then the grant is terminated

  Scenario: Terminated with immediate effect, everything that can no longer be paid is released
    When the treasurer pays £50,000.00 on 1 April 2016
    And the grant is terminated with immediate effect on 10 April 2016 because "the provider ceased trading"
    Then the grant is terminated
    And the grant ledger shows SafeLives with £50,000.00 committed, £715,000.00 released and £0.00 outstanding
    And the Community Safety Fund of Essex PCC has £38,805.97 committed in 2016-17
    And the Community Safety Fund of Essex PCC has £0.00 committed in 2017-18
    When the treasurer pays £10,000.00 on 9 April 2016
    Then it is refused with "is terminated"

  Scenario: What the grant's terms still owe for the time before stays payable
    When the grant is terminated with immediate effect on 30 June 2016 because "services ended", £17,000.00 still payable
    Then the grant ledger shows SafeLives with £17,000.00 committed, £748,000.00 released and £17,000.00 outstanding
    When the treasurer pays £17,000.00 on 15 July 2016
    Then the grant ledger shows SafeLives with £17,000.00 committed, £748,000.00 released and £0.00 outstanding
