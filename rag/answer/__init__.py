"""Answer stage: question kinds, answer shapes, prompts, the LLM clients and the answer engine."""
