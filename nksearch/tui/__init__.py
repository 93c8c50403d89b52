"""The nksearch terminal UI, built with Textual.

``nksearch.tui.app.make_app(corpus, index)`` returns the app; run it with
``.run()``. The UI only calls the public core API (``nksearch.sync``,
``nksearch.open_index`` and the ``Index`` it returns); it never touches Whoosh.
"""
