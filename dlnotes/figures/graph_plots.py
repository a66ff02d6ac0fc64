"""The two-layer network's computation graph: forward values one way, gradients back the other."""
