"""Placeholder training script for the amllint examples."""
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--data")
parser.add_argument("--learning-rate", type=float)
parser.add_argument("--seed", type=int)
parser.add_argument("--boosting")
parser.add_argument("--model")
print(parser.parse_args())
