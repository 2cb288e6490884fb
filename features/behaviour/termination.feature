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
