"""Figures for the weight-matrix and data pages: shapes of parameters and inputs."""
