@variation
Feature: Varying a grant
  As a commissioner
  I want variations that add money to need a further approved decision
  So that a grant never outgrows what was decided

  Background:
    Given the SafeLives Drive pilot of £765,000.00 over 2016-17 to 2018-19 approved on 23 November 2015

  Scenario: Re-profiling within the award
    When the grant is varied on 1 June 2016 to £765,000.00 profiled 2016-17 £200,000.00, 2017-18 £352,000.00, 2018-19 £213,000.00
    Then the grant is £765,000.00 with 2017-18 profiled at £352,000.00

  Scenario: An increase without a further decision is refused
    When the grant is varied on 1 June 2016 to £800,000.00 profiled 2016-17 £268,000.00, 2017-18 £284,000.00, 2018-19 £248,000.00
    Then it is refused with "needs a further approved decision"
    And the grant is £765,000.00 with 2017-18 profiled at £284,000.00

  Scenario: An increase under a further approved decision
    Given a further Essex PCC decision PCC/0050/16 approved on 1 May 2016 authorising £35,000.00 to SafeLives
    When the grant is varied on 1 June 2016 under PCC/0050/16 to £800,000.00 profiled 2016-17 £268,000.00, 2017-18 £284,000.00, 2018-19 £248,000.00
    Then the grant is £800,000.00 with 2018-19 profiled at £248,000.00

  Scenario: A variation cannot go below what has been paid
    Given the treasurer paid £300,000.00 on 1 April 2016
    When the grant is varied on 1 June 2016 to £250,000.00 profiled 2016-17 £250,000.00
    Then it is refused with "£300,000.00 is already paid"
