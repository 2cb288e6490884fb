@source @cleveland
Feature: Cleveland PCC decision 2022-0007 – Home Office Funded Perpetrator Programme (2022/2023 Delivery)
  As a treasurer of the Cleveland OPCC
  I want the three grants and their funding held to the penny
  So that the Home Office award and local match reconcile with what we granted

  Background:
    Given the five source decisions are loaded

  Scenario: Monitoring Officer signed and PCC approved on 5 September 2022
    Then the Cleveland PCC decision 2022-0007 is approved on 5 September 2022
    And the Cleveland PCC decision 2022-0007 was signed off by the "Monitoring Officer" on 5 September 2022
    And the Cleveland PCC decision 2022-0007 considered all six implications

  Scenario Outline: Three grants for 2022-23
    Then the grant to <recipient> under 2022-0007 is <amount> over 2022-23 to 2022-23

    Examples:
      | recipient                | amount      |
      | Harbour Support Services | £121,197.00 |
      | My Sister's Place        | £99,938.00  |
      | Barefoot Social Research | £8,000.00   |

  Scenario: Home Office and local money make £229,135.00 overall, and it all adds up
    Then the Cleveland PCC decision 2022-0007 states £229,135.00 for "Funding overall (Executive Summary)"
    And the Cleveland Perpetrator Programme programme has a pledge from Home Office of £157,423.33 from 2022-23 to 2022-23
    And the Cleveland Perpetrator Programme programme has a pledge from Home Office of £200,124.66 from 2021-22 to 2021-22
    And the Cleveland Perpetrator Programme programme has a pledge from OPCC and four local authorities of £71,711.67 from 2022-23 to 2022-23
    And the Perpetrator Programme 2022-23 of Cleveland PCC has £229,135.00 committed in 2022-23
    And the decision 2022-0007 reports 0 discrepancies
