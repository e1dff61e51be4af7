"""The Processing provider `kursk_tracker`: one thin algorithm per module."""
