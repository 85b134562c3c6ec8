"""The Actions page: what the business decided to do about what it found, carried to done."""
