@termination @variation
Feature: Decisions acting on grants made under earlier decisions
  As a commissioner
  I want a decision to extend, vary or end grants an earlier decision made
  So that each grant's history shows which decision did what, and nothing is counted twice

  Background:
    Given the five source decisions are loaded

  Scenario: An extension runs the same grant on, drawing on the later decision's authority
    Given Essex PCC decision PCC/0010/18 authorises up to £60,000.00, approved on 25 November 2018
    When decision PCC/0010/18 extends the SafeLives grant of PCC/0128/15 to 31 March 2019 adding £60,000.00 in 2018-19
    Then the grant ledger shows SafeLives with £825,000.00 awarded and £825,000.00 committed
    And the grant ledger has 1 grant to SafeLives from Essex PCC
    And the grant's history says decision PCC/0010/18 extended it

  Scenario: A later decision ends the grants in place with immediate effect
    When a dossier of decision PCC/0099/16 ends the SafeLives grant of PCC/0128/15 with immediate effect on 15 January 2017
    Then the grant ledger shows SafeLives with £0.00 committed, £765,000.00 released and £0.00 outstanding
    And the Community Safety Fund of Essex PCC has £0.00 committed in 2016-17
    And the grant's history says decision PCC/0099/16 terminated it

  Scenario: Importing a recorded decision with different content records nothing and says what differs
    When the Essex dossier PCC/0128/15 is imported again with the title "Changed"
    Then the import is refused naming "decision.title"
    And nothing new is recorded
