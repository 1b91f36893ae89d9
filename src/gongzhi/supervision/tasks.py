"""Job handlers of the supervision app (none yet: rounds and reports are quick writes)."""
