"""QR scanning: frame sources (camera, video, images), decoders, and the capture/decode thread."""
