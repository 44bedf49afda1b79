#!/usr/bin/env node
// Small committed launcher: npm links a workspace bin only if the file exists at install time.
import "../dist/src/main.js";
