@lifecycle
Feature: The decision life cycle and its sign-offs
  As a decision maker
  I want approval held back until the statutory officers have signed off
  So that no money is committed without financial and legal advice

  Background:
    Given a draft Essex PCC decision PCC/0200/16 dated 1 March 2016 authorising £765,000.00 to SafeLives

  Scenario: A decision with financial implications needs the Chief Finance Officer
    Given the Monitoring Officer signed it off on 2 March 2016
    When the PCC approves it on 3 March 2016
    Then it is refused with "still needs the sign-off of the Chief Finance Officer / Treasurer"
    And the decision is still draft

  Scenario: A decision needs the Monitoring Officer
    Given the Chief Finance Officer signed it off on 2 March 2016
    When the PCC approves it on 3 March 2016
    Then it is refused with "Monitoring Officer (or Chief Executive as Monitoring Officer)"

  Scenario: A sign-off dated after the approval does not count
    Given the Chief Finance Officer signed it off on 2 March 2016
    And the Monitoring Officer signed it off on 10 March 2016
    When the PCC approves it on 3 March 2016
    Then it is refused with "still needs the sign-off of the Monitoring Officer"

  Scenario: With both sign-offs the decision is approved
    Given the Chief Finance Officer signed it off on 2 March 2016
    And the Chief Executive as Monitoring Officer signed it off on 2 March 2016
    When the PCC approves it on 3 March 2016
    Then the decision is approved

  Scenario: Nothing but publication steps after approval
    Given the decision was signed off and approved on 3 March 2016
    When the Monitoring Officer signs it off on 4 March 2016
    Then it is refused with "only publication steps may follow"
    When publication is decided on 4 March 2016 for publication with no Part 2
    And it is published on 5 March 2016
    Then the decision is published on 5 March 2016

  Scenario: Publication waits for a deferral and for a signed-off redaction
    Given the decision was signed off and approved on 3 March 2016
    And publication was decided on 4 March 2016, deferred until 1 April 2016 with redaction required
    When it is published on 20 March 2016
    Then it is refused with "deferred until 2016-04-01"
    When it is published on 2 April 2016
    Then it is refused with "Redaction of Essex PCC decision PCC/0200/16 must be signed off"
    When the Chief Finance Officer signs off the redaction on 2 April 2016
    Then it is refused with "must be carried out before it is signed off"
    When the redaction is carried out on 1 April 2016
    And the Chief Finance Officer signs off the redaction on 2 April 2016
    And it is published on 2 April 2016 at "https://www.essex.pfcc.police.uk/decisions/pcc-0200-16"
    Then the decision is published on 2 April 2016 at "https://www.essex.pfcc.police.uk/decisions/pcc-0200-16"

  Scenario: Publication goes by the server's clock, not a date the officer gives
    Given today is 1 January 2026 by the server's clock
    And the decision was signed off and approved on 3 March 2016
    And publication was decided on 4 March 2016, deferred until 1 January 2099 with no redaction
    When it is published on 1 January 2099
    Then it is refused with "a date still to come (today is 2026-01-01)"
    When it is published on 1 January 2026
    Then it is refused with "deferred until 2099-01-01 (today is 2026-01-01)"

  Scenario: A refusal states reasons and authorises nothing
    When the PCC refuses it on 3 March 2016 because "Better value elsewhere"
    Then the decision is refused
    When a grant of £10,000.00 to SafeLives is proposed and approved under PCC/0200/16
    Then it is refused with "refused, not approved: it authorises nothing"

  Scenario: The same reference cannot be used twice by one body
    When another Essex PCC decision PCC/0200/16 is drafted
    Then it is refused with "already exists"
