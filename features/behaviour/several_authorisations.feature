@funds
Feature: One grant under several authorisations
  As a treasurer
  I want a grant to draw on every authorisation that pays for it
  So that no combined figure has to be invented for it

  Scenario: An external award matched by the body's own money, authorised as two lines of one decision
    Given an approved Cleveland PCC decision 2022-0007 authorising £157,423.33 from "the Home Office award" and £71,711.67 from "the OPCC and local authorities" to Harbour
    When a grant of £229,135.00 to Harbour is proposed and approved under 2022-0007
    Then the decision 2022-0007 draws £229,135.00 for Harbour on 2 authorisations
    When a further grant of £0.01 to Harbour is proposed and approved under 2022-0007
    Then it is refused with "£0.00 of it remains"

  Scenario: A grant authorised by two decisions draws each its share
    Given a further Cleveland PCC decision 2022-0007 approved on 5 September 2022 authorising £157,423.33 to Harbour
    And a further Cleveland PCC decision 2022-0008 approved on 5 September 2022 authorising £71,711.67 to Harbour
    When a grant of £229,135.00 to Harbour, £157,423.33 authorised by 2022-0007 and £71,711.67 by 2022-0008, is proposed and approved
    Then the decision 2022-0007 draws £157,423.33 for Harbour on 1 authorisation
    And the decision 2022-0008 draws £71,711.67 for Harbour on 1 authorisation
