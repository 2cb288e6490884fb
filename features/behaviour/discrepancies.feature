@discrepancy
Feature: Stated totals against their parts
  As an auditor
  I want every stated total compared with the sum of its parts
  So that slips in published records are reported, never silently fixed

  Scenario: A total that does not add up is reported with both figures
    Given a draft West Mercia PCC decision PCC/D/2018/99 stating a total of £575,290.00 from parts £92,126.00, £142,834.00 and £340,331.00
    Then the decision PCC/D/2018/99 reports a discrepancy: £575,290.00 stated against £575,291.00 derived, a difference of -£1.00

  Scenario: A total that adds up is not reported
    Given a draft West Mercia PCC decision PCC/D/2018/98 stating a total of £575,291.00 from parts £92,126.00, £142,834.00 and £340,331.00
    Then the decision PCC/D/2018/98 reports 0 discrepancies
