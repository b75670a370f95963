"""The fixed registry of rule actions and the explanations they render.

A policy document names an action; the action is a plain Python function here. Policy text is
never executed: documents choose among these functions and give them parameters.
"""
