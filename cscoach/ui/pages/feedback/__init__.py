"""The Feedback page: what customers say, its themes and its patterns (one module per idea:
``page`` assembles the tabs; ``items_tab`` the list and form, ``entry_form`` the form,
``items_list`` and ``items_filters`` the list side, ``patterns_tab`` the counts and chart,
``themes_tab`` the themes and their keyword rules)."""
