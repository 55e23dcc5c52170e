#pragma once
// While unpacking, SIGINT, SIGTERM and SIGHUP only set a flag that the unpack loop checks per
// entry and per block: it then throws, and unwinding removes the temp root, which the default
// action (dying at once) would leave behind. Outside unpacking the previous handlers apply.
namespace lamina {

class UnpackInterrupts {
 public:
  UnpackInterrupts();   // installs the flag-setting handlers
  ~UnpackInterrupts();  // restores the previous ones
  UnpackInterrupts(const UnpackInterrupts&) = delete;
  UnpackInterrupts& operator=(const UnpackInterrupts&) = delete;

  // Throws Error (exit 128 + signal) when one of the signals arrived since construction.
  static void check();
};

}  // namespace lamina
