"""Evaluation harness: question sets, metrics, baselines, reports."""
