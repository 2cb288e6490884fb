"""The read side: every event translated into postings and facts, written in the event's own
transaction, and the ledgers as SQL over them, now or at any past point."""
