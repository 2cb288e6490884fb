Feature: Publishing grants on the register, month by month
  As a treasurer
  I want every crime and disorder reduction grant published with its recipient, purpose,
  conditions and the reasons it will reduce crime and disorder, as soon as the month ends
  So that the body meets its duty under the Specified Information Order (SI 2011/3050, para 3(f))

  Scenario: A grant goes on the register only with every fact the register must give
    Given a grant of £50,000.00 over 2016-17 with 1 month notice, approved on 10 January 2017
    When the monthly check is run for January 2017
    Then it finds 1 of 1 grants awarded not yet published, lacking "purpose, conditions, crime reduction reasons"
    When the grant is published on 1 February 2017
    Then it is refused with "cannot be published without its purpose, conditions, crime reduction reasons"
    When its purpose, conditions and reasons are stated on 1 February 2017
    And the grant is published on 1 February 2017
    Then the grant is on the register from 1 February 2017
    When the monthly check is run for January 2017
    Then it finds every grant awarded published

  Scenario: A grant not yet awarded cannot be published
    Given a draft Essex PCC decision PCC/0300/17 dated 2 May 2017 authorising £20,000.00 to Safer Places
    When a grant of £20,000.00 for 2017-18 to Safer Places is proposed under PCC/0300/17 and published on 3 May 2017
    Then it is refused with "is not yet awarded"

  Scenario: The source records are on the register, published on dates their records do not state
    Given the five source decisions are loaded
    Then the decisions on the register are 2022-0007, PCD 663, PCC/D/2018/25, PCC036/18 and PCC/0128/15, newest first
    And the exceptions list the publication date of MOPAC decision PCD 663 as not stated
    And the grants on the register are "Drive Central Team (London) 2020-21", "Drive in Croydon 2020-21" and "SafeLives Drive pilot"
    When the monthly check is run for September 2022
    Then it finds 3 of 3 grants awarded not yet published, lacking "conditions, crime reduction reasons"
