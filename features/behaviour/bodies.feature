@lifecycle
Feature: The register of bodies
  As an auditor
  I want every body the records name to be in one register, with its kind and succession
  So that a PCC that became a PFCC is one line of history, and no misspelt body is ever recorded

  Scenario: Essex PCC became Essex PFCC
    Given the five source decisions are loaded
    Then the register of bodies says Essex PCC was succeeded by Essex PFCC, a Police, Fire and Crime Commissioner

  Scenario: A body not in the register is named
    When another Kent PCC decision PCC/001/17 is drafted
    Then it is refused with "Kent PCC is not in the register of bodies"
