import logging
import os
from typing import List


def main(rootDirectory: str) -> List[str]:
    all_file_paths = []
    for path, _, files in os.walk(rootDirectory):
        for name in files:
            all_file_paths.append(os.path.join(path, name))

    logging.info("Found %d file(s) under %s", len(all_file_paths), rootDirectory)
    return all_file_paths
