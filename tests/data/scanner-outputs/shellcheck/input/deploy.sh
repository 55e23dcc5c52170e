#!/bin/bash
# deploy helper
target=$1
rm -rf $target/*
cp $2 /tmp
echo "done: $target"
