@source @west_mercia
Feature: West Mercia PCC decision PCC/D/2018/25 – The Drive Project (Worcestershire)
  As a treasurer of the West Mercia OPCC
  I want the record's stated total checked against its parts
  So that a £1 slip in a published record is seen rather than silently fixed

  Background:
    Given the five source decisions are loaded

  Scenario: The officer approval of 24 October 2018 is recorded
    Then the West Mercia PCC decision PCC/D/2018/25 is approved on 24 October 2018
    And the West Mercia PCC decision PCC/D/2018/25 was signed off by the "Assistant Chief Executive Officer" on 24 October 2018
    And the West Mercia PCC decision PCC/D/2018/25 authorises £190,331.00

  Scenario: The parts sum to £575,291.00, £1 more than the stated total
    Then the decision PCC/D/2018/25 reports a discrepancy: £575,290.00 stated against £575,291.00 derived, a difference of -£1.00
    And the decision PCC/D/2018/25 reports 1 discrepancy

  Scenario: The local contribution is £340,331.00 and adds up
    Then the West Mercia PCC decision PCC/D/2018/25 states £340,331.00 for "Local contribution (Financial Comments)"
    And the Drive programme has a pledge from Police Transformation Fund of £92,126.00 from 2018-19 to 2018-19
    And the Drive programme has a pledge from Police Transformation Fund of £142,834.00 from 2019-20 to 2019-20
    And the Drive programme has a pledge from Worcestershire County Council Public Health of £150,000.00 from 2018-19 to 2019-20
    And the Drive programme has a pledge from West Mercia PCC of £190,331.00 from 2018-19 to 2019-20
