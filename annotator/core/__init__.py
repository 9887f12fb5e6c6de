"""The Qt-free core: documents, spans, labels, styled text and offsets. Pure Python, no I/O."""
