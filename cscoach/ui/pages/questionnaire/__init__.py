"""The questionnaire page and its parts."""
