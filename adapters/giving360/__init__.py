"""The grants awarded as open data in the 360Giving Data Standard, version 1.4: the package,
its identifiers, its validation against the standard's own schema, and its spreadsheet form."""
