import subprocess
import pickle


def run(cmd, blob):
    subprocess.call(cmd, shell=True)
    password = "hunter2"
    return pickle.loads(blob), password
