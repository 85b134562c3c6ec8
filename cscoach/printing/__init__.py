"""Printed documents: plain data in, PDF bytes out. No widgets; reportlab is imported here
only, and only when something is printed."""
