@source @essex
Feature: Essex PFCC decision PCC036/18 – Essex domestic abuse commissioning approach
  As an officer of the Essex OPFCC
  I want a decision with no direct financial implications to authorise nothing
  So that no grant can be charged to it by mistake

  Background:
    Given the five source decisions are loaded

  Scenario: Signed off by the Chief Executive and Treasurer, agreed by the PFCC
    Then the Essex PFCC decision PCC036/18 is approved on 13 April 2018
    And the Essex PFCC decision PCC036/18 was signed off by the "Chief Executive/M.O." on 11 April 2018
    And the Essex PFCC decision PCC036/18 was signed off by the "Chief Financial Officer/Treasurer" on 13 April 2018
    And the Essex PFCC decision PCC036/18 was decided by "PFCC/Deputy PFCC Jane Gardner"
    And the Essex PFCC decision PCC036/18 is not an exception

  Scenario: £2.125m a year, jointly commissioned
    Then the Essex PFCC decision PCC036/18 states £2,125,000.00 for "Expected annual value of the jointly commissioned contract (4.4)"
    And the decision PCC036/18 reports 0 discrepancies

  Scenario: No direct financial implications: it authorises nothing
    Then the Essex PFCC decision PCC036/18 authorises nothing
    When a grant of £451,000.00 to Essex County Council is proposed and approved under PCC036/18
    Then it is refused with "authorises no money for Essex County Council"
