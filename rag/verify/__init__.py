"""Verify stage: the support and claim judges that check every citation."""
