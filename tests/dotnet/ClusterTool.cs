// ClusterTool.cs: a C# client of clusapi.dll written exactly as Windows code is: P/Invoke with
// DllImport("clusapi.dll", SetLastError = true), the last error read with
// Marshal.GetLastWin32Error() and Win32Exception, growing StringBuilder buffers on
// ERROR_MORE_DATA. Built with mcs and run with mono by tests/dotnet.rs against the simulator,
// linked into the app folder under the names .NET and Mono look for (cargo dotnet-libs).
//
// Prints one line per check ("ok   - ..." or "FAIL - ...") and exits with the number of
// failed checks.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

static class NativeMethods
{
    public const uint CLUSTER_ENUM_NODE = 0x1;
    public const uint CLUSTER_ENUM_GROUP = 0x8;
    public const int ERROR_MORE_DATA = 234;
    public const int ERROR_NO_MORE_ITEMS = 259;
    public const int ERROR_GROUP_NOT_FOUND = 5013;

    [DllImport("clusapi.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern IntPtr OpenCluster(string lpszClusterName);

    [DllImport("clusapi.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool CloseCluster(IntPtr hCluster);

    [DllImport("clusapi.dll", SetLastError = true)]
    public static extern IntPtr ClusterOpenEnum(IntPtr hCluster, uint dwType);

    [DllImport("clusapi.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern int ClusterEnum(IntPtr hEnum, uint dwIndex, out uint lpdwType, StringBuilder lpszName, ref uint lpcchName);

    [DllImport("clusapi.dll", SetLastError = true)]
    public static extern int ClusterCloseEnum(IntPtr hEnum);

    [DllImport("clusapi.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern IntPtr OpenClusterGroup(IntPtr hCluster, string lpszGroupName);

    [DllImport("clusapi.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool CloseClusterGroup(IntPtr hGroup);

    [DllImport("clusapi.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern int GetClusterGroupState(IntPtr hGroup, StringBuilder lpszNodeName, ref uint lpcchNodeName);

    [DllImport("clusapi.dll", SetLastError = true)]
    public static extern int OfflineClusterGroup(IntPtr hGroup);

    [DllImport("clusapi.dll", SetLastError = true)]
    public static extern int OnlineClusterGroup(IntPtr hGroup, IntPtr hDestinationNode);

    [DllImport("kernel32.dll")]
    public static extern uint GetLastError();
}

static class Program
{
    static int failed;

    static void Check(bool ok, string what)
    {
        Console.WriteLine((ok ? "ok   - " : "FAIL - ") + what);
        if (!ok) failed++;
    }

    // The usual grow loop: start small, grow on ERROR_MORE_DATA, stop at ERROR_NO_MORE_ITEMS.
    static List<string> Enumerate(IntPtr cluster, uint type)
    {
        var names = new List<string>();
        IntPtr e = NativeMethods.ClusterOpenEnum(cluster, type);
        if (e == IntPtr.Zero) throw new Win32Exception();
        for (uint i = 0; ; i++)
        {
            var name = new StringBuilder(4);
            uint cch = (uint)name.Capacity;
            uint kind;
            int rc = NativeMethods.ClusterEnum(e, i, out kind, name, ref cch);
            if (rc == NativeMethods.ERROR_MORE_DATA)
            {
                name = new StringBuilder((int)cch + 1);
                cch = (uint)name.Capacity;
                rc = NativeMethods.ClusterEnum(e, i, out kind, name, ref cch);
            }
            if (rc == NativeMethods.ERROR_NO_MORE_ITEMS) break;
            if (rc != 0) throw new Win32Exception(rc);
            names.Add(name.ToString());
        }
        NativeMethods.ClusterCloseEnum(e);
        return names;
    }

    static int Main()
    {
        IntPtr cluster = NativeMethods.OpenCluster(null);
        Check(cluster != IntPtr.Zero, "OpenCluster(null) returns a handle");

        List<string> nodes = Enumerate(cluster, NativeMethods.CLUSTER_ENUM_NODE);
        Check(nodes.Contains("NODE1") && nodes.Count == 3, "ClusterEnum(CLUSTER_ENUM_NODE): " + string.Join(", ", nodes));
        List<string> groups = Enumerate(cluster, NativeMethods.CLUSTER_ENUM_GROUP);
        Check(groups.Contains("Cluster Group") && groups.Contains("SQL Server (MSSQLSERVER)"), "ClusterEnum(CLUSTER_ENUM_GROUP): " + groups.Count + " groups");

        IntPtr group = NativeMethods.OpenClusterGroup(cluster, "Cluster Group");
        Check(group != IntPtr.Zero, "OpenClusterGroup(\"Cluster Group\")");
        var owner = new StringBuilder(64);
        uint ownerCch = (uint)owner.Capacity;
        int state = NativeMethods.GetClusterGroupState(group, owner, ref ownerCch);
        Check(state == 0 && owner.ToString() == "NODE1", "GetClusterGroupState: " + state + " on " + owner);

        IntPtr app = NativeMethods.OpenClusterGroup(cluster, "CONTOSO-APP1");
        Check(NativeMethods.OnlineClusterGroup(app, IntPtr.Zero) == 0, "OnlineClusterGroup(CONTOSO-APP1, NULL) == ERROR_SUCCESS");
        ownerCch = (uint)owner.Capacity;
        Check(NativeMethods.GetClusterGroupState(app, owner, ref ownerCch) == 0, "CONTOSO-APP1 is ClusterGroupOnline");
        Check(NativeMethods.OfflineClusterGroup(app) == 0, "OfflineClusterGroup(CONTOSO-APP1) == ERROR_SUCCESS");
        NativeMethods.CloseClusterGroup(app);

        IntPtr missing = NativeMethods.OpenClusterGroup(cluster, "No Such Group");
        int lastError = Marshal.GetLastWin32Error();
        Check(missing == IntPtr.Zero && lastError == NativeMethods.ERROR_GROUP_NOT_FOUND,
              "OpenClusterGroup(\"No Such Group\"): NULL, Marshal.GetLastWin32Error() == 5013 (got " + lastError + ")");
        missing = NativeMethods.OpenClusterGroup(cluster, "No Such Group");
        var ex = new Win32Exception();
        Check(missing == IntPtr.Zero && ex.NativeErrorCode == NativeMethods.ERROR_GROUP_NOT_FOUND,
              "new Win32Exception().NativeErrorCode == 5013 (got " + ex.NativeErrorCode + ")");
        missing = NativeMethods.OpenClusterGroup(cluster, "No Such Group");
        uint kernel32 = NativeMethods.GetLastError();
        Check(kernel32 == NativeMethods.ERROR_GROUP_NOT_FOUND, "kernel32.dll GetLastError() == 5013 (got " + kernel32 + ")");

        Check(NativeMethods.CloseClusterGroup(group), "CloseClusterGroup");
        Check(NativeMethods.CloseCluster(cluster), "CloseCluster returns TRUE");
        Check(!NativeMethods.CloseClusterGroup(group) && Marshal.GetLastWin32Error() == 6,
              "CloseClusterGroup after CloseCluster: FALSE, ERROR_INVALID_HANDLE");

        Console.WriteLine(failed == 0 ? "all passed" : failed + " failed");
        return failed;
    }
}
