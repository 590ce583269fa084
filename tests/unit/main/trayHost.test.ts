import { describe, expect, it } from 'vitest';
import { linuxTrayHostAnswers, runCommand, type RunCommand } from '../../../electron/main/trayHost';

const answering = (byTool: Record<string, string | Error>): RunCommand & { calls: string[] } => {
  const calls: string[] = [];
  const run = async (file: string, args: string[]) => {
    calls.push(`${file} ${args.at(-1)}`);
    const out = Object.hasOwn(byTool, file) ? byTool[file] : new Error(`spawn ${file} ENOENT`);
    if (out instanceof Error) throw out;
    return out!;
  };
  return Object.assign(run, { calls });
};

describe('is there a tray host on this Linux desktop?', () => {
  it('asks the session bus whether a StatusNotifierWatcher exists (gdbus, else dbus-send)', async () => {
    await expect(linuxTrayHostAnswers(answering({ gdbus: '(true,)\n' }))).resolves.toBe(true);
    await expect(linuxTrayHostAnswers(answering({ gdbus: '(false,)\n' }))).resolves.toBe(false);
    const viaDbusSend = answering({ 'dbus-send': 'method return time=1 sender=org.freedesktop.DBus\n   boolean true\n' });
    await expect(linuxTrayHostAnswers(viaDbusSend)).resolves.toBe(true);
    expect(viaDbusSend.calls).toEqual(['gdbus org.kde.StatusNotifierWatcher', 'dbus-send string:org.kde.StatusNotifierWatcher']);
  });

  it('answers no when neither tool runs or there is no session bus, so the window minimises instead of vanishing', async () => {
    await expect(linuxTrayHostAnswers(answering({}))).resolves.toBe(false);
    await expect(linuxTrayHostAnswers(answering({ gdbus: new Error('Cannot autolaunch D-Bus without X11 $DISPLAY') }))).resolves.toBe(false);
  });

  it('really runs the tools: with no session bus to ask, the answer is no, within the probe bound', async () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/dnsfleet-test-bus';
    try {
      const t0 = Date.now();
      await expect(linuxTrayHostAnswers(runCommand)).resolves.toBe(false);
      expect(Date.now() - t0).toBeLessThan(4000);
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });
});
