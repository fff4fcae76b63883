package dev.sparktenancy.e2e;

import java.io.File;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * What a kerberized Spark driver does first, as a JVM started with the pod's JAVA_OPTS and
 * extraJavaOptions: Hadoop's UserGroupInformation logs in from the keytab (only when
 * hadoop.security.authentication is kerberos, else Hadoop silently skips it), then asks the KDC for a
 * service ticket. Arguments: principal, keytab path, hadoop.security.authentication, service principal.
 * Exit 0 logged in and got the ticket; 10 no keytab here, login not attempted; 1 the login failed.
 */
public final class KerberosLogin {
  public static void main(String[] args) throws Exception {
    String principal = args[0];
    String keytab = args[1].startsWith("local://") ? args[1].substring("local://".length()) : args[1];
    String authentication = args[2];
    String service = args[3];
    String krb5 = System.getProperty("java.security.krb5.conf", "<unset>");
    if (!new File(keytab).exists()) {
      System.out.println("kerberos: no keytab at " + keytab + ": login not attempted");
      System.exit(10);
    }
    Configuration conf = new Configuration(false);
    conf.set("hadoop.security.authentication", authentication);
    UserGroupInformation.setConfiguration(conf);
    if (!UserGroupInformation.isSecurityEnabled()) {
      System.out.println("kerberos: hadoop.security.authentication is " + authentication + ": Hadoop skips the keytab login");
      System.exit(1);
    }
    try {
      UserGroupInformation ugi = UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab);
      String ticket = ugi.doAs((PrivilegedExceptionAction<String>) () -> {
        Oid krb5Mechanism = new Oid("1.2.840.113554.1.2.2");
        Oid principalName = new Oid("1.2.840.113554.1.2.2.1");
        GSSManager manager = GSSManager.getInstance();
        GSSContext context = manager.createContext(manager.createName(service, principalName), krb5Mechanism, null, GSSContext.DEFAULT_LIFETIME);
        context.initSecContext(new byte[0], 0, 0);
        String target = context.getTargName().toString();
        context.dispose();
        return target;
      });
      System.out.println("kerberos: logged in as " + ugi.getUserName() + " from " + keytab + "; service ticket for " + ticket);
    } catch (Exception e) {
      StringBuilder chain = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) chain.append(chain.length() > 0 ? " <- " : "").append(t);
      System.out.println("kerberos: login as " + principal + " from " + keytab + " with krb5.conf " + krb5 + " failed: " + chain);
      System.exit(1);
    }
  }
}
