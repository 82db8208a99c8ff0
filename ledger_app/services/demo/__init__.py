"""The demo story: a realistic workspace built on the spot, end to end."""
