@funds
Feature: Facts the record does not state
  As a treasurer
  I want what a record does not state recorded as not stated, never as a placeholder
  So that money is never shown as £0 committed when it will be paid, nor dated by a guess

  Scenario: A grant with no profile commits its award over the years of its period, by days
    Given a grant of £100,000.00 from 1 October 2016 to 30 September 2017 with no profile, approved on 1 October 2016
    Then the grant ledger shows the grant with £49,863.01 committed in 2016-17 and £50,136.99 committed in 2017-18
    And the exceptions list the grant's profile as not stated

  Scenario: A grant whose record states no end commits its award in the year it starts
    Given a grant of £60,000.00 from 1 July 2016 with no end stated and no profile, approved on 1 July 2016
    Then the grant's end date is recorded as not stated
    And the grant ledger shows the grant with £60,000.00 committed, all in 2016-17
    And the exceptions list the grant's profile and end date as not stated
    And the grant's exposure for notice on 1 March 2017 is £60,000.00 payable, notice taking effect on 1 April 2017

  Scenario: A grant whose record states no period commits its award from the day it was proposed
    Given a grant of £30,000.00 whose record states neither its start nor its end, with no profile, approved on 10 February 2017
    Then the grant's start date is recorded as not stated
    And the grant's end date is recorded as not stated
    And the grant ledger shows the grant with £30,000.00 committed, all in 2016-17
    And the exceptions list the grant's profile, start date and end date as not stated

  Scenario: An allocation to a provider to be procured is given later by grants drawing on it
    Given the five source decisions are loaded
    Then the exceptions list the recipients of West Mercia PCC decision PCC/D/2018/25 as not stated
    When a grant of £100,000.00 for 2019-20 to Cranstoun is proposed and approved under PCC/D/2018/25
    Then the decision PCC/D/2018/25 draws £100,000.00 for Cranstoun on 1 authorisation
    When a further grant of £90,331.01 for 2019-20 to Cranstoun is proposed and approved under PCC/D/2018/25
    Then it is refused with "£90,331.00 of it remains"

  Scenario: A decision whose record gives no reference is known by its title and the day it was drafted
    Given a dossier of an Essex PCC decision whose record gives no reference, titled "Domestic abuse services 2017-18"
    When the dossier is imported
    Then the decision register shows "Domestic abuse services 2017-18" with its reference not stated
    And the exceptions list the reference of Essex PCC decision 'Domestic abuse services 2017-18' (reference not stated) as not stated
    When the dossier is imported again
    Then nothing new is recorded
