"""One page per section of the sidebar. Every page takes the ``Workbook`` in its
constructor, has ``reload()`` and ``save_pending()``, and emits ``changed`` after a write."""
