// Live updates over the SignalR hub at /hubs/live. The app works without them: when the hub
// cannot be reached, lists still refresh on load and saves still catch conflicts by ETag.
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { useEffect, useRef } from 'react';

export interface WorkOrderChanged {
  id: number;
  version: number;
  status: string;
}

export interface RequestChanged {
  id: number;
}

type Listener = { workOrderChanged?: (e: WorkOrderChanged) => void; requestChanged?: (e: RequestChanged) => void };

const listeners = new Set<Listener>();
let connection: HubConnection | null = null;

function ensureConnection() {
  if (connection) return;
  connection = new HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect()
    .configureLogging(LogLevel.None)
    .build();
  connection.on('workOrderChanged', (event: WorkOrderChanged) => listeners.forEach((l) => l.workOrderChanged?.(event)));
  connection.on('requestChanged', (event: RequestChanged) => listeners.forEach((l) => l.requestChanged?.(event)));
  connection.start().catch(() => {
    // NOTE: no retry after a failed first start; the next page load tries again.
    connection = null;
  });
}

/** Stops the live connection, for example after signing out. */
export function stopLive() {
  if (connection && connection.state !== HubConnectionState.Disconnected) {
    void connection.stop();
  }
  connection = null;
}

/** Calls the handlers while the component is mounted. */
export function useLive(handlers: Listener) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const listener: Listener = {
      workOrderChanged: (e) => ref.current.workOrderChanged?.(e),
      requestChanged: (e) => ref.current.requestChanged?.(e),
    };
    listeners.add(listener);
    ensureConnection();
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
