@source @essex
Feature: Essex PCC decision PCC/0128/15 – SafeLives 'Drive' perpetrator programme
  As a treasurer of the Essex OPCC
  I want the 2015 Drive decision held exactly as the record states it
  So that the grant, its funders and the record's own slips are all in view

  Background:
    Given the five source decisions are loaded

  Scenario: The decision is approved as recorded, with its missing sign-offs declared
    Then the Essex PCC decision PCC/0128/15 is approved on 23 November 2015
    And the Essex PCC decision PCC/0128/15 is titled "PCC CSF 2016-17 – SafeLives ‘Drive’ (DA) perpetrator programme"
    And the Essex PCC decision PCC/0128/15 concerns "Colchester & Tendring" and is classified "Not Protectively Marked"
    And the Essex PCC decision PCC/0128/15 relates to PCC/0029/15
    And the Essex PCC decision PCC/0128/15 is an exception: approved without the required sign-offs

  Scenario: The grant to SafeLives is £765,000.00 over three years
    Then the grant to SafeLives under PCC/0128/15 is £765,000.00 over 2016-17 to 2018-19
    And its profile is:
      | year    | amount      |
      | 2016-17 | £268,000.00 |
      | 2017-18 | £284,000.00 |
      | 2018-19 | £213,000.00 |
    And its contributions are:
      | funder   | year    | amount      |
      | OPCC     | 2016-17 | £208,000.00 |
      | OPCC     | 2017-18 | £224,000.00 |
      | OPCC     | 2018-19 | £153,000.00 |
      | Partners | 2016-17 | £60,000.00  |
      | Partners | 2017-18 | £60,000.00  |
      | Partners | 2018-19 | £60,000.00  |
    And its contributions total £585,000.00 from OPCC and £180,000.00 from Partners
    And it can be ended on 1 month's notice
    And it is part of the Drive programme

  Scenario: The OPCC's share is committed against the Community Safety Fund
    Then the Community Safety Fund of Essex PCC has £208,000.00 committed in 2016-17
    And the Community Safety Fund of Essex PCC has £224,000.00 committed in 2017-18
    And the Community Safety Fund of Essex PCC has £153,000.00 committed in 2018-19

  Scenario: Social Finance match-funds Drive in Essex
    Then the Drive programme has a pledge from Social Finance of £516,000.00 from 2016-17 to 2018-19
    And the Drive programme has the site "Essex (Colchester & Tendring)"

  Scenario: The initial allocation is shown beside both figures it disagrees with
    Then the decision PCC/0128/15 reports a discrepancy: £200,000.00 stated against £208,000.00 derived, a difference of -£8,000.00
    And the decision PCC/0128/15 reports a discrepancy: £200,000.00 stated against £268,000.00 derived, a difference of -£68,000.00
    And the decision PCC/0128/15 reports 2 discrepancies
