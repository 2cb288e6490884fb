@discrepancy
Feature: Facts a record states two ways
  As a treasurer
  I want every fact a decision record states differently kept as stated, both ways
  So that the figures say which value they rest on until I settle it

  Background:
    Given the five source decisions are loaded

  Scenario: The Essex record names three different sums for the OPCC's money in 2016-17
    Then the conflicts list "The OPCC's money for 2016-17" for PCC/0128/15, working with "£208,000 OPCC contribution in year 1"
    And the grant ledger flags the grant to SafeLives from Essex PCC as resting on a conflict

  Scenario: A treasurer resolves the conflict, with a reason
    When the treasurer resolves "The OPCC's money for 2016-17" of PCC/0128/15 as "£208,000 OPCC contribution in year 1" because "Recommendation 2.2 was the first tranche of it"
    Then the conflicts list nothing for PCC/0128/15
    And the grant ledger no longer flags the grant to SafeLives from Essex PCC
    And the decision PCC/0128/15 records the resolution by the treasurer
