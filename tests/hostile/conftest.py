"""The hostile-input suite: each case made by code at test time, each with its bound."""
