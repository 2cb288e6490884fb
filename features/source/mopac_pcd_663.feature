@source @mopac
Feature: MOPAC decision PCD 663 – Mayor's VAWG Fund, Sustaining Innovation, Drive
  As a MOPAC finance officer
  I want Tranche 2 of the Mayor's VAWG Fund recorded with its caps
  So that grants "up to" an amount never exceed what the DMPC approved

  Background:
    Given the five source decisions are loaded

  Scenario: The DMPC approved on 11 December 2019 after the Interim Chief Executive's sign-off
    Then the MOPAC decision PCD 663 is approved on 11 December 2019
    And the MOPAC decision PCD 663 was signed off by the "Interim Chief Executive Officer" on 9 December 2019
    And the MOPAC decision PCD 663 relates to PCD 448
    And the MOPAC decision PCD 663 is for publication with Part 1 not deferred and no Part 2

  Scenario: Two grants for April 2020 to March 2021
    Then the grant to Rise Mutual under PCD 663 is up to £275,000.00 over 2020-21 to 2020-21
    And it is co-commissioned with London Borough of Croydon
    And the grant to SafeLives under PCD 663 is up to £89,000.00 over 2020-21 to 2020-21

  Scenario: The grants draw on the £15m Mayor's VAWG Fund
    Then the Mayor's VAWG Fund of MOPAC has a total budget of £15,000,000.00 in 4 tranches
    And the Mayor's VAWG Fund of MOPAC has £364,000.00 committed in 2020-21
    And the Drive programme has a target of 125 perpetrators worked with a year at "London (Croydon)"

  Scenario: No more than the cap can be granted to Rise Mutual
    When a further grant of £1.00 to Rise Mutual is proposed and approved under PCD 663
    Then it is refused with "needs a further approved decision"
