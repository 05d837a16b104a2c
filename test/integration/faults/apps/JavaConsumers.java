// N KafkaConsumers (official Java client, client defaults: session.timeout.ms 45 000) in one process, one
// thread each, same group. Prints one JSON line per assignment and one for each consumer's first record:
//   {"consumer":0,"joined":"<memberId>","partitions":[0,1]}
//   {"consumer":0,"consumed":"<partition>:<offset>"}
// For the eviction tests and the kill-cost benchmark. Compiled once (javac), then run:
//   java -cp <dir>:<kafka-clients + slf4j-api jars> JavaConsumers <brokers> <groupId> <topic> <count> [classic|consumer] [static-id-prefix]
// With a static-id prefix each consumer is a static member (KIP-345): group.instance.id <prefix>-<index>.
import java.time.Duration;
import java.util.*;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public class JavaConsumers {
  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: JavaConsumers <brokers> <groupId> <topic> <count> [classic|consumer] [static-id-prefix]");
      System.exit(2);
    }
    int count = Integer.parseInt(args[3]);
    String protocol = args.length > 4 ? args[4] : "classic";
    String staticPrefix = args.length > 5 ? args[5] : null;
    for (int i = 0; i < count; i++) {
      final int index = i;
      new Thread(() -> run(index, args[0], args[1], args[2], protocol, staticPrefix), "consumer-" + i).start();
    }
  }

  static void run(int index, String brokers, String groupId, String topic, String protocol, String staticPrefix) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "evict-test-java-" + index);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
    if (staticPrefix != null) props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticPrefix + "-" + index);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // like the KafkaJS app's fromBeginning; timeouts stay default
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        String owned = consumer.assignment().stream().map(TopicPartition::partition).sorted().map(String::valueOf).collect(Collectors.joining(","));
        System.out.println("{\"consumer\":" + index + ",\"joined\":\"" + consumer.groupMetadata().memberId() + "\",\"partitions\":[" + owned + "]}");
        System.out.flush();
      }
    });
    boolean consumed = false;
    while (true) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
      if (!consumed && !records.isEmpty()) {
        consumed = true;
        ConsumerRecord<byte[], byte[]> first = records.iterator().next();
        System.out.println("{\"consumer\":" + index + ",\"consumed\":\"" + first.partition() + ":" + first.offset() + "\"}");
        System.out.flush();
      }
    }
  }
}
