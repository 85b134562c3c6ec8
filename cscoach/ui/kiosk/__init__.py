"""The counter kiosk: its full-screen window, its buttons, its settings and how it starts."""
