"""CS Coach: a desktop workbook for building a customer-service culture."""

__version__ = "0.1.0"
APP_NAME = "CS Coach"
