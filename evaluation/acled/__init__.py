"""What scoring events_acled needs beside the task itself: ACLED's names in the contract's snake_case
(taxonomy), the region of a country (regions), GeoNames admin1 codes of named divisions (admin1), and ACLED
actor names compared by their words (actor_names). Data files in ``data/`` with their sources noted."""
